package org.physicsofai.atlas.importers;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads YAML as plain maps, lists and scalars. Tags it does not know, such as the {@code
 * !!python/object:...} tags PyTorch Lightning writes into {@code hparams.yaml}, are read as the
 * plain value under them; nothing is ever instantiated.
 */
public final class LenientYaml {

    private LenientYaml() {}

    /** A YAML document that cannot be read; {@code line} counts from 1, 0 if unknown. */
    public static final class YamlProblem extends Exception {
        private final long line;

        public YamlProblem(String message, long line) {
            super(message);
            this.line = line;
        }

        public long line() {
            return line;
        }
    }

    public static Object load(String text) throws YamlProblem {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(16 * 1024 * 1024);
        // Any tag may appear: the constructor below only ever builds maps, lists and scalars.
        options.setTagInspector(tag -> true);
        try {
            return new Yaml(new Constructor(options)).load(text);
        } catch (MarkedYAMLException e) {
            long line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new YamlProblem("unreadable YAML: " + e.getProblem(), line);
        } catch (YAMLException e) {
            throw new YamlProblem("unreadable YAML: " + e.getMessage(), 0);
        }
    }

    private static final class Constructor extends SafeConstructor {
        Constructor(LoaderOptions options) {
            super(options);
            this.yamlConstructors.put(null, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return switch (node) {
                        case ScalarNode scalar -> scalar.getValue();
                        case SequenceNode sequence -> constructSequence(sequence);
                        case MappingNode mapping -> constructMapping(mapping);
                        default -> null;
                    };
                }
            });
        }
    }
}
