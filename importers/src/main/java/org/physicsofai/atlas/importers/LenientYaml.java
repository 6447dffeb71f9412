package org.physicsofai.atlas.importers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Reads YAML as plain maps, lists and scalars; nothing is ever instantiated. The Python tags PyYAML
 * writes into Lightning's {@code hparams.yaml} are read for what they name: an object ({@code
 * !!python/object:neuralforecast.losses.pytorch.MAE}, {@code python/object/new:}, {@code
 * python/object/apply:}, {@code python/name:}) as its class name rather than its internal
 * attributes, an {@code OrderedDict} as the mapping it holds, a tuple as a list. Other tags it does
 * not know are read as the plain value under them.
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

    private static final String PYTHON = "tag:yaml.org,2002:python/";
    private static final List<String> OBJECT_TAGS =
            List.of("object:", "object/new:", "object/apply:", "name:", "module:");

    private static final class Constructor extends SafeConstructor {

        /** What a PyYAML Python tag stands for, without running any of it. */
        private Object python(String kind, Node node) {
            if (kind.equals("object/apply:collections.OrderedDict") && node instanceof SequenceNode args) {
                Map<Object, Object> pairs = orderedDict(constructSequence(args));
                if (pairs != null) {
                    return pairs;
                }
            }
            for (String prefix : OBJECT_TAGS) {
                if (kind.startsWith(prefix)) {
                    return kind.substring(prefix.length());
                }
            }
            return switch (node) {
                case ScalarNode scalar -> scalar.getValue();
                case SequenceNode sequence -> constructSequence(sequence);
                case MappingNode mapping -> constructMapping(mapping);
                default -> null;
            };
        }

        /** {@code OrderedDict([[key, value], ...])} as PyYAML writes it: one argument, a list of pairs. */
        private static Map<Object, Object> orderedDict(List<?> args) {
            if (args.size() != 1 || !(args.getFirst() instanceof List<?> items)) {
                return null;
            }
            Map<Object, Object> map = new LinkedHashMap<>();
            for (Object item : items) {
                if (!(item instanceof List<?> pair) || pair.size() != 2) {
                    return null;
                }
                map.put(pair.get(0), pair.get(1));
            }
            return map;
        }

        Constructor(LoaderOptions options) {
            super(options);
            this.yamlConstructors.put(null, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue();
                    if (tag.startsWith(PYTHON)) {
                        return python(tag.substring(PYTHON.length()), node);
                    }
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
