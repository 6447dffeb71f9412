package org.physicsofai.atlas.web.account;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administrators create accounts, change their roles and read the audit log. There is no self sign-up. */
@Controller
class AdminController {

    /** How many of the newest audit entries the audit page shows. */
    static final int AUDIT_ENTRIES = 500;

    private final AccountService accounts;
    private final AuditLog audit;

    AdminController(AccountService accounts, AuditLog audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    @GetMapping("/admin/audit")
    String audit(Model model) {
        model.addAttribute("entries", audit.newest(AUDIT_ENTRIES));
        model.addAttribute("limit", AUDIT_ENTRIES);
        return "admin-audit";
    }

    @GetMapping("/admin/users")
    String users(Model model) {
        model.addAttribute("users", accounts.all());
        model.addAttribute("roles", Role.values());
        return "admin-users";
    }

    @PostMapping("/admin/users")
    String create(
            @RequestParam String username,
            @RequestParam(required = false) String displayName,
            @RequestParam String password,
            @RequestParam String role,
            RedirectAttributes redirect) {
        try {
            accounts.create(username, displayName, password, Role.parse(role));
            redirect.addFlashAttribute("done", "admin.user.created");
        } catch (AccountException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{username}")
    String update(
            @PathVariable String username,
            @RequestParam String role,
            @RequestParam(defaultValue = "false") boolean enabled,
            RedirectAttributes redirect) {
        try {
            accounts.setRole(username, Role.parse(role), enabled);
            redirect.addFlashAttribute("done", "admin.user.updated");
        } catch (AccountException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/admin/users";
    }
}
