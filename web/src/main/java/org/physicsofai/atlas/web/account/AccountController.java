package org.physicsofai.atlas.web.account;

import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Sign-in, and a contributor's own account: profile, password, API tokens. */
@Controller
class AccountController {

    private final AccountService accounts;

    AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/account")
    String account(Principal principal, Model model) {
        model.addAttribute("account", accounts.find(principal.getName()).orElseThrow());
        return "account";
    }

    @PostMapping("/account/profile")
    String profile(
            Principal principal,
            @RequestParam String displayName,
            @RequestParam(required = false) String orcid,
            RedirectAttributes redirect) {
        return act(redirect, "account.saved", () -> accounts.updateProfile(principal.getName(), displayName, orcid));
    }

    @PostMapping("/account/password")
    String password(
            Principal principal,
            @RequestParam String current,
            @RequestParam String replacement,
            RedirectAttributes redirect) {
        return act(
                redirect,
                "account.password.changed",
                () -> accounts.changePassword(principal.getName(), current, replacement));
    }

    @PostMapping("/account/tokens")
    String createToken(Principal principal, @RequestParam String name, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("newToken", accounts.createToken(principal.getName(), name));
        } catch (AccountException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/account";
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revokeToken(Principal principal, @PathVariable String id, RedirectAttributes redirect) {
        return act(redirect, "account.token.revoked", () -> accounts.revokeToken(principal.getName(), id));
    }

    private static String act(RedirectAttributes redirect, String doneKey, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("done", doneKey);
        } catch (AccountException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/account";
    }
}
