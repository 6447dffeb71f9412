/** Contradiction flags: where the Atlas's data or its accepted claims disagree. */
package org.physicsofai.atlas.dispute;
