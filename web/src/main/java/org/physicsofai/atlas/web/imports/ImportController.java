package org.physicsofai.atlas.web.imports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.physicsofai.atlas.importers.ImportFormat;
import org.physicsofai.atlas.importers.ImportProgress;
import org.physicsofai.atlas.importers.ImportReport;
import org.physicsofai.atlas.importers.ImportRequest;
import org.physicsofai.atlas.importers.Importer;
import org.physicsofai.atlas.importers.ObservableMapping;
import org.physicsofai.atlas.importers.PathTemplate;
import org.physicsofai.atlas.web.account.Account;
import org.physicsofai.atlas.web.account.AccountService;
import org.physicsofai.atlas.web.account.Role;
import org.physicsofai.atlas.web.submit.SubmissionRateLimiter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/imports}: experiment outputs as multipart parts named {@code files} (files, a
 * folder as several parts whose file names carry their relative paths, or zip archives), answered
 * with the import report. Security lets only signed-in contributors and API tokens reach it; like every
 * submission, a curator's upload through a session is accepted at once, anything else arrives pending;
 * and like every submission, it counts towards the account's hourly limit.
 */
@Controller
class ImportController {

    private final Importer importer;
    private final AccountService accounts;
    private final SubmissionRateLimiter limiter;
    private final ImportTemporaryFolder temporary;

    ImportController(
            Importer importer,
            AccountService accounts,
            SubmissionRateLimiter limiter,
            ImportTemporaryFolder temporary) {
        this.importer = importer;
        this.accounts = accounts;
        this.limiter = limiter;
        this.temporary = temporary;
    }

    @PostMapping(path = "/api/imports", consumes = "multipart/form-data")
    @ResponseBody
    ResponseEntity<ImportReport> upload(
            @RequestParam("files") List<MultipartFile> files,
            @RequestParam(required = false) String format,
            @RequestParam(required = false) String experiment,
            @RequestParam(name = "mapping", required = false) List<String> mapping,
            @RequestParam(name = "mappingFile", required = false) MultipartFile mappingFile,
            @RequestParam(defaultValue = "false") boolean pending,
            @RequestParam(name = "pathTemplate", required = false) String pathTemplate,
            Authentication authentication)
            throws IOException {
        Account account = accounts.find(authentication.getName()).orElseThrow();
        limiter.acquire(account.username());
        boolean viaToken = authentication.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("SCOPE_submit"));
        boolean accept = !pending && !viaToken && account.has(Role.CURATOR);
        ImportFormat importFormat = ImportFormat.parse(format);
        Map<String, String> overrides = new LinkedHashMap<>();
        if (mappingFile != null && !mappingFile.isEmpty()) {
            overrides.putAll(ObservableMapping.parseFile(
                    String.valueOf(mappingFile.getOriginalFilename()),
                    new String(mappingFile.getBytes(), StandardCharsets.UTF_8)));
        }
        overrides.putAll(ObservableMapping.parsePairs(mapping == null ? List.of() : mapping));
        PathTemplate template =
                pathTemplate == null || pathTemplate.isBlank() ? null : PathTemplate.parse(pathTemplate);
        Path upload = temporary.newFolder("atlas-upload");
        try {
            List<ImportRequest.Source> sources = UploadFiles.save(UploadFiles.named(files), upload);
            ImportReport report = importer.run(
                    new ImportRequest(
                            sources,
                            importFormat,
                            experiment,
                            new ObservableMapping(overrides),
                            accounts.agent(account),
                            accept,
                            null,
                            template),
                    ImportProgress.NONE);
            HttpStatus status = switch (report.outcome()) {
                case IMPORTED -> HttpStatus.CREATED;
                case UNCHANGED -> HttpStatus.OK;
                case FAILED -> HttpStatus.UNPROCESSABLE_CONTENT;
            };
            return ResponseEntity.status(status).body(report);
        } finally {
            UploadFiles.delete(upload);
        }
    }
}
