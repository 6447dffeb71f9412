package org.physicsofai.atlas.web.downloads;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.util.Optional;
import org.physicsofai.atlas.web.system.NotFoundException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.context.request.WebRequest;

/** {@code /downloads}: the accepted knowledge as whole files, for anyone who wants all of it. */
@Controller
@ConditionalOnWebApplication
class DownloadsController {

    private final KnowledgeDownloads downloads;

    DownloadsController(KnowledgeDownloads downloads) {
        this.downloads = downloads;
    }

    @GetMapping("/downloads")
    String page(Model model) {
        model.addAttribute("downloads", downloads.downloads());
        return "downloads";
    }

    /**
     * The file as last written, with its length, a strong ETag (its SHA-256) and the time it was
     * written; a conditional request for the same version is answered 304 by Spring.
     */
    @GetMapping("/downloads/{name:.+}")
    ResponseEntity<Resource> file(@PathVariable String name, WebRequest request) throws IOException {
        if (!KnowledgeDownloads.NAMES.contains(name)) {
            throw new NotFoundException("No download named " + name);
        }
        Optional<KnowledgeDownloads.Download> found = downloads.download(name);
        if (found.isEmpty()) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, "10")
                    .build();
        }
        KnowledgeDownloads.Download download = found.get();
        String etag = "\"" + download.sha256() + "\"";
        if (request.checkNotModified(etag, download.written().toEpochMilli())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).build();
        }
        SeekableByteChannel channel = Files.newByteChannel(download.path());
        if (channel.size() != download.bytes()) {
            // Replaced between the two reads: the newer version's details are about to be published.
            channel.close();
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, "1")
                    .build();
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(download.mediaType()))
                .contentLength(download.bytes())
                .eTag(etag)
                .lastModified(download.written())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name).build().toString())
                .body(new InputStreamResource(Channels.newInputStream(channel)));
    }
}
