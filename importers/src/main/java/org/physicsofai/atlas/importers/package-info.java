/**
 * Readers for experiment outputs (MLflow file stores, TensorBoard event files, Weights &amp; Biases
 * run folders and chart exports, PyTorch Lightning CSV logs, generic CSV and JSONL) and the {@link
 * org.physicsofai.atlas.importers.Importer} that turns what they read into one contribution and the
 * series' points.
 */
package org.physicsofai.atlas.importers;
