package org.physicsofai.atlas.web.cli;

import org.physicsofai.atlas.web.AtlasProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** A context holding only the Atlas settings, for commands that must run before the stores open. */
@EnableConfigurationProperties(AtlasProperties.class)
final class RestoreSettings {}
