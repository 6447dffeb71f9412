/**
 * Readers for experiment outputs (MLflow file stores, TensorBoard event files, Weights &amp; Biases run
 * folders, CSV and JSONL logs) that turn them into contributions.
 */
package org.physicsofai.atlas.importers;
