package org.physicsofai.atlas.web.submit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.physicsofai.atlas.contribution.ValidationException;
import org.physicsofai.atlas.contribution.Violation;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.web.entity.EntityLinks;
import org.physicsofai.atlas.web.system.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The submission forms, generated from the shapes. A contributor's submission arrives pending; a
 * curator's is accepted at once. Problems are shown next to their fields, in the reader's language.
 */
@Controller
class SubmitController {

    private final ShapeForms forms;
    private final SubmissionService submissions;
    private final RevisionService revisions;
    private final EntityLinks links;
    private final MessageSource messages;

    SubmitController(
            ShapeForms forms,
            SubmissionService submissions,
            RevisionService revisions,
            EntityLinks links,
            MessageSource messages) {
        this.forms = forms;
        this.submissions = submissions;
        this.revisions = revisions;
        this.links = links;
        this.messages = messages;
    }

    /** The form of an accepted node, filled in with its current statements. */
    @GetMapping("/submit/edit")
    String edit(@RequestParam String node, Model model) {
        RevisionService.Revision revision = revisions.prepare(node);
        model.addAttribute("revision", revision);
        return render(model, revision.form(), revision.values(), Map.of(), List.of());
    }

    @PostMapping("/submit/edit")
    String revise(
            @RequestParam String node,
            HttpServletRequest request,
            HttpServletResponse response,
            Principal principal,
            Locale locale,
            Model model,
            RedirectAttributes redirect) {
        RevisionService.Revision revision = revisions.prepare(node);
        Map<String, String> values = formValues(request);
        model.addAttribute("revision", revision);
        FormReader.Reading asRead =
                new FormReader.Reading(org.apache.jena.graph.NodeFactory.createURI(node), null, Map.of());
        try {
            ContributionRecord record = revisions.revise(principal.getName(), revision, values);
            redirect.addFlashAttribute("submitted", record.status().label());
            return "redirect:" + links.href(record.iri());
        } catch (RevisionService.FieldProblems e) {
            response.setStatus(422);
            return render(model, revision.form(), values, translate(e.reading().problems(), locale), List.of());
        } catch (ValidationException e) {
            response.setStatus(422);
            return render(
                    model,
                    revision.form(),
                    values,
                    fieldProblems(revision.form(), asRead, e.violations(), locale),
                    generalProblems(revision.form(), asRead, e.violations(), locale));
        } catch (RevisionService.RevisionException e) {
            response.setStatus(422);
            return render(model, revision.form(), values, Map.of(), List.of(e.getMessage()));
        }
    }

    /** The submitted fields; a field sent several times keeps all its values, one per line. */
    private static Map<String, String> formValues(HttpServletRequest request) {
        Map<String, String> values = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> values.put(k, String.join("\n", v)));
        return values;
    }

    private Map<String, List<String>> translate(Map<String, List<String>> problems, Locale locale) {
        Map<String, List<String>> translated = new LinkedHashMap<>();
        problems.forEach((field, keys) -> translated.put(
                field,
                keys.stream().map(k -> messages.getMessage(k, null, k, locale)).toList()));
        return translated;
    }

    @GetMapping("/submit")
    String choose(Model model) {
        model.addAttribute("forms", forms.all());
        return "submit";
    }

    /**
     * The empty form, or one filled in from the query (as when an insight is turned into a claim); a
     * parameter ending in {@code __en} or {@code __zh} fills that language's box.
     */
    @GetMapping("/submit/{type}")
    String form(@PathVariable String type, @RequestParam Map<String, String> prefill, Model model) {
        Map<String, String> values = new LinkedHashMap<>();
        prefill.forEach((k, v) -> values.put(k.replaceAll("__(en|zh)$", "@$1"), v));
        return render(model, form(type), values, Map.of(), List.of());
    }

    @PostMapping("/submit/{type}")
    String submit(
            @PathVariable String type,
            HttpServletRequest request,
            HttpServletResponse response,
            Principal principal,
            Locale locale,
            Model model,
            RedirectAttributes redirect) {
        FormDefinition form = form(type);
        Map<String, String> values = formValues(request);
        FormReader.Reading reading = submissions.read(form, values);
        if (!reading.problems().isEmpty()) {
            response.setStatus(422);
            Map<String, List<String>> translated = new LinkedHashMap<>();
            reading.problems()
                    .forEach((field, keys) -> translated.put(
                            field,
                            keys.stream()
                                    .map(k -> messages.getMessage(k, null, k, locale))
                                    .toList()));
            return render(model, form, values, translated, List.of());
        }
        try {
            ContributionRecord record =
                    submissions.submit(principal.getName(), "The " + type, reading.graph(), "atlas web form", false);
            redirect.addFlashAttribute("submitted", record.status().label());
            return "redirect:" + links.href(record.iri());
        } catch (ValidationException e) {
            response.setStatus(422);
            return render(
                    model,
                    form,
                    values,
                    fieldProblems(form, reading, e.violations(), locale),
                    generalProblems(form, reading, e.violations(), locale));
        }
    }

    private FormDefinition form(String type) {
        return forms.form(type).orElseThrow(() -> new NotFoundException("There is no form for '" + type + "'."));
    }

    private String render(
            Model model,
            FormDefinition form,
            Map<String, String> values,
            Map<String, List<String>> problems,
            List<String> general) {
        model.addAttribute("form", form);
        model.addAttribute("values", values);
        model.addAttribute("problems", problems);
        model.addAttribute("general", general);
        model.addAttribute(
                "rows",
                java.util.stream.IntStream.range(0, FormReader.NESTED_ROWS)
                        .boxed()
                        .toList());
        return "submit-form";
    }

    /** Shape violations on the node or its dependent rows, keyed by the field they concern. */
    private Map<String, List<String>> fieldProblems(
            FormDefinition form, FormReader.Reading reading, List<Violation> violations, Locale locale) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (Violation v : violations) {
            String field = fieldOf(form, reading, v);
            if (field != null) {
                problems.computeIfAbsent(field, k -> new ArrayList<>()).add(message(v, locale));
            }
        }
        return problems;
    }

    private List<String> generalProblems(
            FormDefinition form, FormReader.Reading reading, List<Violation> violations, Locale locale) {
        return violations.stream()
                .filter(v -> fieldOf(form, reading, v) == null)
                .map(v -> message(v, locale))
                .distinct()
                .toList();
    }

    private static String fieldOf(FormDefinition form, FormReader.Reading reading, Violation v) {
        if (v.field() == null) {
            return null;
        }
        String node = reading.node().getURI();
        for (Field f : form.fields()) {
            if (v.focusNode().equals(node) && f.path().equals(v.field())) {
                return f.name();
            }
            if (f.kind() == Field.Kind.NESTED && v.focusNode().startsWith(node + "/")) {
                int row = Integer.parseInt(v.focusNode().substring(node.length() + 1)) - 1;
                for (Field sub : f.nested()) {
                    if (sub.path().equals(v.field())) {
                        return f.name() + "[" + row + "]."
                                + sub.name().substring(f.name().length() + 1);
                    }
                }
            }
        }
        return null;
    }

    /** The shape's own message in the reader's language, else the bundle's wording of the constraint. */
    private String message(Violation v, Locale locale) {
        if (v.messageZh() != null) {
            return locale.getLanguage().equals("zh") ? v.messageZh() : v.message();
        }
        return messages.getMessage("violation." + v.constraint(), null, v.message(), locale);
    }
}
