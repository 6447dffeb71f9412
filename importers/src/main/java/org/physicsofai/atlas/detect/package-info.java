/**
 * Phenomenon detectors: versioned code that reads the curves the Atlas holds and contributes
 * observations of what it finds, such as the learning phase of a run.
 */
package org.physicsofai.atlas.detect;
