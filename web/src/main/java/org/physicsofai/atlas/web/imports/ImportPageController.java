package org.physicsofai.atlas.web.imports;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.physicsofai.atlas.importers.ImportFormat;
import org.physicsofai.atlas.importers.ImportPreview;
import org.physicsofai.atlas.importers.ObservableMapping;
import org.physicsofai.atlas.importers.PathTemplate;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.web.account.Account;
import org.physicsofai.atlas.web.account.AccountService;
import org.physicsofai.atlas.web.account.Role;
import org.physicsofai.atlas.web.submit.SubmissionRateLimiter;
import org.physicsofai.atlas.web.system.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

/**
 * The import page: upload files, a folder or a zip archive, preview which runs and metrics the import
 * would bring and how each metric maps to an observable, change the mapping, then import in the
 * background with a progress bar and read the report. Signed-in contributors only.
 */
@Controller
class ImportPageController {

    private final ImportUploads uploads;
    private final ImportLookups lookups;
    private final AccountService accounts;
    private final SubmissionRateLimiter limiter;

    ImportPageController(
            ImportUploads uploads, ImportLookups lookups, AccountService accounts, SubmissionRateLimiter limiter) {
        this.uploads = uploads;
        this.lookups = lookups;
        this.accounts = accounts;
        this.limiter = limiter;
    }

    /** A message of the page's bundle with its arguments. */
    record Message(String key, List<String> args) {
        static Message of(String key, String... args) {
            return new Message(key, List.of(args));
        }

        public String arg0() {
            return args.isEmpty() ? "" : args.get(0);
        }

        public String arg1() {
            return args.size() < 2 ? "" : args.get(1);
        }
    }

    /**
     * One metric key of the preview with the mapping the form offers.
     *
     * @param choice {@code observable}, {@code new} or {@code ignore}
     */
    record MappingRow(
            int index,
            String key,
            String how,
            String choice,
            String observable,
            String observableLabel,
            String newName,
            String unit,
            int runs,
            int series,
            long points) {}

    @org.springframework.web.bind.annotation.ModelAttribute
    void types(Model model) {
        model.addAttribute("experimentType", Atlas.Experiment.getURI());
        model.addAttribute("observableType", Atlas.Observable.getURI());
    }

    @GetMapping("/import")
    String form(Model model) {
        model.addAttribute("formats", formats());
        return "import";
    }

    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String upload(
            @RequestParam(name = "files", required = false) List<MultipartFile> files,
            @RequestParam(name = "folder", required = false) List<MultipartFile> folder,
            @RequestParam(name = "folderPaths", required = false) List<String> folderPaths,
            @RequestParam(defaultValue = "auto") String format,
            @RequestParam(required = false) String experimentIri,
            @RequestParam(required = false) String experimentName,
            @RequestParam(defaultValue = "false") boolean pending,
            @RequestParam(required = false) String pathTemplate,
            Authentication authentication,
            Model model,
            jakarta.servlet.http.HttpServletResponse response)
            throws IOException {
        Account account = account(authentication);
        List<UploadFiles.Part> parts = new ArrayList<>();
        for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
            if (!blank(file)) {
                parts.add(new UploadFiles.Part(file, file.getOriginalFilename()));
            }
        }
        List<MultipartFile> inFolder = folder == null ? List.of() : folder;
        for (int i = 0; i < inFolder.size(); i++) {
            MultipartFile file = inFolder.get(i);
            if (blank(file)) {
                continue;
            }
            String path = folderPaths != null
                            && i < folderPaths.size()
                            && !folderPaths.get(i).isBlank()
                    ? folderPaths.get(i)
                    : file.getOriginalFilename();
            parts.add(new UploadFiles.Part(file, path));
        }
        Message error = null;
        ImportFormat importFormat = null;
        try {
            importFormat = ImportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            error = Message.of("import.error.format", format);
        }
        String experiment = experimentIri == null || experimentIri.isBlank() ? null : experimentIri.strip();
        if (error == null && parts.isEmpty()) {
            error = Message.of("import.error.nofiles");
        }
        if (error == null && experiment != null && !lookups.isExperiment(experiment)) {
            error = Message.of("import.error.experiment", experiment);
        }
        PathTemplate template = null;
        if (error == null && pathTemplate != null && !pathTemplate.isBlank()) {
            try {
                template = PathTemplate.parse(pathTemplate);
            } catch (IllegalArgumentException e) {
                error = Message.of("import.error.pathTemplate", e.getMessage());
            }
        }
        if (error == null) {
            try {
                ImportUploads.Upload upload = uploads.create(
                        account.username(),
                        parts,
                        importFormat,
                        experiment == null ? experimentName : null,
                        experiment,
                        pending,
                        template,
                        accounts.agent(account));
                return "redirect:/import/" + upload.id();
            } catch (IllegalArgumentException e) {
                error = Message.of("import.error.upload", e.getMessage());
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("formats", formats());
        model.addAttribute("error", error);
        model.addAttribute("format", format);
        model.addAttribute("experimentIri", experimentIri);
        model.addAttribute("experimentName", experimentName);
        model.addAttribute("pathTemplate", pathTemplate);
        return "import";
    }

    @GetMapping("/import/{id}")
    String preview(@PathVariable String id, Authentication authentication, Locale locale, Model model) {
        ImportUploads.Upload upload = upload(id, authentication);
        if (upload.state() != ImportUploads.State.PREVIEW) {
            return "redirect:/import/" + id + "/progress";
        }
        previewModel(upload, locale, model, Map.of());
        return "import-preview";
    }

    @PostMapping("/import/{id}")
    String commit(
            @PathVariable String id,
            @RequestParam MultiValueMap<String, String> form,
            Authentication authentication,
            Locale locale,
            Model model,
            jakarta.servlet.http.HttpServletResponse response)
            throws IOException {
        ImportUploads.Upload upload = upload(id, authentication);
        Account account = account(authentication);
        if (upload.state() != ImportUploads.State.PREVIEW) {
            return "redirect:/import/" + id + "/progress";
        }
        Map<String, String> mapping = new LinkedHashMap<>();
        Map<String, Message> errors = new LinkedHashMap<>();
        List<String> metrics = form.getOrDefault("metric", List.of());
        for (int i = 0; i < metrics.size(); i++) {
            String key = metrics.get(i);
            String choice = first(form, "choice-" + i, "observable");
            switch (choice) {
                case "ignore" -> mapping.put(key, ObservableMapping.IGNORE);
                case "new" -> {
                    String name = first(form, "name-" + i, "").strip();
                    if (name.isEmpty() || name.length() > 200) {
                        errors.put(key, Message.of("import.error.name", key));
                    } else {
                        mapping.put(key, ObservableMapping.NEW + name);
                    }
                }
                default -> {
                    String observable = first(form, "observable-" + i, "").strip();
                    if (!lookups.isObservable(observable)) {
                        errors.put(key, Message.of("import.error.observable", key, observable));
                    } else {
                        mapping.put(key, observable);
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            previewModel(upload, locale, model, errors);
            return "import-preview";
        }
        // Only what differs from what the import finds on its own is kept as the user's mapping.
        Map<String, String> chosen = new LinkedHashMap<>();
        mapping.forEach((key, value) -> {
            if (!value.equals(builtIn(key))) {
                chosen.put(key, value);
            }
        });
        try {
            uploads.preview(upload, chosen, accounts.agent(account));
        } catch (IllegalStateException e) {
            throw new NotFoundException(e.getMessage());
        }
        if (!"import".equals(first(form, "action", "preview"))
                || !upload.preview().importable()) {
            return "redirect:/import/" + id;
        }
        limiter.acquire(account.username());
        uploads.start(upload, accounts.agent(account), !upload.pending() && account.has(Role.CURATOR));
        return "redirect:/import/" + id + "/progress";
    }

    @GetMapping("/import/{id}/progress")
    String progress(@PathVariable String id, Authentication authentication, Model model) {
        ImportUploads.Upload upload = upload(id, authentication);
        if (upload.state() == ImportUploads.State.PREVIEW) {
            return "redirect:/import/" + id;
        }
        if (upload.state() == ImportUploads.State.DONE || upload.state() == ImportUploads.State.FAILED) {
            return "redirect:/import/" + id + "/report";
        }
        model.addAttribute("upload", upload);
        model.addAttribute("percent", percent(upload));
        return "import-progress";
    }

    @GetMapping(path = "/import/{id}/status", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> status(@PathVariable String id, Authentication authentication) {
        ImportUploads.Upload upload = upload(id, authentication);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("state", upload.state().name().toLowerCase(Locale.ROOT));
        status.put("phase", upload.phase());
        status.put("percent", percent(upload));
        boolean ended = upload.state() == ImportUploads.State.DONE || upload.state() == ImportUploads.State.FAILED;
        status.put("done", ended);
        status.put("report", ended ? "/import/" + id + "/report" : null);
        return status;
    }

    @GetMapping("/import/{id}/report")
    String report(@PathVariable String id, Authentication authentication, Locale locale, Model model) {
        ImportUploads.Upload upload = upload(id, authentication);
        if (upload.state() != ImportUploads.State.DONE && upload.state() != ImportUploads.State.FAILED) {
            return "redirect:/import/" + id + "/progress";
        }
        model.addAttribute("upload", upload);
        model.addAttribute("report", upload.report());
        if (upload.report() != null) {
            Map<String, String> labels = new java.util.HashMap<>(lookups.labels(
                    Stream.concat(upload.report().experiments().stream(), upload.report().runs().stream())
                            .toList(),
                    locale.getLanguage()));
            // The names the preview read, for whatever the store has no label of (such as pending imports).
            for (ImportPreview.Run run : upload.preview().runs()) {
                if (!run.label().isBlank()) {
                    labels.putIfAbsent(run.iri(), run.label());
                }
                if (run.experimentLabel() != null) {
                    labels.putIfAbsent(run.experiment(), run.experimentLabel());
                }
            }
            model.addAttribute("labels", labels);
        }
        return "import-report";
    }

    private void previewModel(ImportUploads.Upload upload, Locale locale, Model model, Map<String, Message> errors) {
        ImportPreview preview = upload.preview();
        List<String> iris = new ArrayList<>();
        preview.metrics().forEach(m -> iris.add(m.observable()));
        preview.runs().forEach(r -> iris.add(r.experiment()));
        Map<String, String> labels = lookups.labels(iris, locale.getLanguage());
        List<MappingRow> rows = new ArrayList<>();
        for (int i = 0; i < preview.metrics().size(); i++) {
            ImportPreview.Metric m = preview.metrics().get(i);
            String choice;
            if (m.how() == ImportPreview.How.IGNORED) {
                choice = "ignore";
            } else if (m.how() == ImportPreview.How.PROPOSED || m.newName() != null) {
                choice = "new";
            } else {
                choice = "observable";
            }
            rows.add(new MappingRow(
                    i,
                    m.key(),
                    m.how().name().toLowerCase(Locale.ROOT),
                    choice,
                    choice.equals("observable") ? m.observable() : "",
                    m.observable() == null ? null : labels.get(m.observable()),
                    m.newName() != null ? m.newName() : m.key(),
                    m.unit(),
                    m.runs(),
                    m.series(),
                    m.points()));
        }
        model.addAttribute("upload", upload);
        model.addAttribute("preview", preview);
        model.addAttribute("rows", rows);
        model.addAttribute("labels", labels);
        model.addAttribute("errors", errors);
    }

    /** The mapping value the import would use for a metric on its own (a synonym, or a proposal). */
    private static String builtIn(String key) {
        ObservableMapping.Resolution resolution = ObservableMapping.builtIn().resolve(key);
        return resolution.observable() != null ? resolution.observable() : ObservableMapping.NEW + key;
    }

    private static int percent(ImportUploads.Upload upload) {
        return (int) Math.round(100 * upload.fraction());
    }

    private ImportUploads.Upload upload(String id, Authentication authentication) {
        return uploads.find(id, authentication.getName())
                .orElseThrow(() -> new NotFoundException("There is no upload " + id + " of yours (uploads expire)."));
    }

    private Account account(Authentication authentication) {
        return accounts.find(authentication.getName()).orElseThrow();
    }

    private static String first(MultiValueMap<String, String> form, String name, String otherwise) {
        String value = form.getFirst(name);
        return value == null ? otherwise : value;
    }

    private static boolean blank(MultipartFile file) {
        return file == null
                || file.getOriginalFilename() == null
                || file.getOriginalFilename().isBlank();
    }

    private static List<String> formats() {
        return Stream.concat(
                        Stream.of("auto"), Arrays.stream(ImportFormat.values()).map(ImportFormat::label))
                .toList();
    }
}
