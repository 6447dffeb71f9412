/** Backups of the stores in standard formats (TriG and tab-separated points) and their restore. */
package org.physicsofai.atlas.backup;
