package org.physicsofai.atlas.web;

import org.physicsofai.atlas.web.cli.CommandLauncher;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Atlas. Without a subcommand it serves the web application; with one ({@code java -jar
 * atlas.jar dump ...}) it runs that command without a web server and exits with its status.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AtlasApplication {

    public static void main(String[] args) {
        if (CommandLauncher.isCommand(args)) {
            System.exit(CommandLauncher.launch(args));
        }
        SpringApplication.run(AtlasApplication.class, args);
    }
}
