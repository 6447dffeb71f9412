package org.physicsofai.atlas.importers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.physicsofai.atlas.store.ContentHash;

/**
 * What the readers of one imported path report: the runs they read, the problems they met (a run
 * with any problem is left out whole, so that a malformed file changes nothing) and what they
 * skipped on purpose.
 */
public final class ReadContext {

    private final Path root;
    private final String rootName;
    private final List<RunData> runs = new ArrayList<>();
    private final List<ImportProblem> problems = new ArrayList<>();
    private final Map<String, Integer> skipped = new TreeMap<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * @param root the folder (or single file) being imported
     * @param rootName how to name it in reports: its file name, never a full path of this machine
     */
    public ReadContext(Path root, String rootName) {
        this(root, rootName, false);
    }

    /**
     * @param unpacked whether the root is the folder a zip archive was unpacked into (a folder of this
     *     machine no log names)
     */
    public ReadContext(Path root, String rootName, boolean unpacked) {
        this.root = root;
        this.rootName = rootName;
        this.unpacked = unpacked;
    }

    private final boolean unpacked;

    /** Whether the root is the folder a zip archive was unpacked into. */
    public boolean unpacked() {
        return unpacked;
    }

    public Path root() {
        return root;
    }

    /** A file's name for reports and provenance: relative to the imported path, with {@code /}. */
    public String name(Path file) {
        if (file.equals(root)) {
            return rootName;
        }
        Path relative = Files.isDirectory(root) ? root.relativize(file) : file.getFileName();
        return rootName + "/" + relative.toString().replace('\\', '/');
    }

    /**
     * A folder's own name, the same whichever route it came by: the imported folder itself (or the
     * folder a zip archive was unpacked into) is named after what was imported, without {@code .zip}.
     */
    public String folderName(Path folder) {
        if (folder.equals(root) || folder.getFileName() == null) {
            String name = rootName.replace('\\', '/');
            name = name.substring(name.lastIndexOf('/') + 1);
            return name.toLowerCase(java.util.Locale.ROOT).endsWith(".zip")
                    ? name.substring(0, name.length() - 4)
                    : name;
        }
        return folder.getFileName().toString();
    }

    /** Reads a whole file, reporting it as unreadable to the run's problems. */
    public static byte[] read(Path file) throws IOException {
        return Files.readAllBytes(file);
    }

    public LogFileRef file(Path file, byte[] bytes, ImportFormat format) {
        return new LogFileRef(name(file), ContentHash.ofBytes(bytes), format);
    }

    /** Adds a run, or if its reading met problems, leaves it out and reports them. */
    public void finishRun(RunData run, List<ImportProblem> runProblems) {
        if (runProblems.isEmpty() && run != null) {
            runs.add(run);
        } else if (!runProblems.isEmpty()) {
            problems.addAll(runProblems);
            skip("runs with problems (left out whole)", 1);
        }
    }

    public void problem(ImportProblem problem) {
        problems.add(problem);
    }

    /** Counts something left out on purpose, such as deleted runs or image events. */
    public void skip(String what, int count) {
        if (count > 0) {
            skipped.merge(what, count, Integer::sum);
        }
    }

    /** A remark for the report that is not a problem, such as an unfinished run. */
    public void note(String note) {
        notes.add(note);
    }

    public List<RunData> runs() {
        return runs;
    }

    public List<ImportProblem> problems() {
        return problems;
    }

    public Map<String, Integer> skipped() {
        return skipped;
    }

    public List<String> notes() {
        return notes;
    }
}
