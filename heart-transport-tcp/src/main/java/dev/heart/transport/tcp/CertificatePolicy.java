package dev.heart.transport.tcp;

import dev.heart.api.RegistrantInfo;
import dev.heart.api.internal.Checks;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ClientAuthorizer} from rules that tie a client certificate's name to the service types
 * (and ids) it may register, beat for and disconnect, for a registry with mutual TLS. A rule
 * {@code NAME=SERVICE} or {@code NAME=SERVICE/ID}:
 * <ul>
 *   <li>{@code NAME} matches a certificate whose subject common name (CN) or one of whose subject
 *       alternative names (DNS, URI, e-mail or IP address) is exactly {@code NAME};</li>
 *   <li>{@code SERVICE} is a service type, or {@code *} for any;</li>
 *   <li>{@code ID} is an id, a prefix ending in {@code *} ({@code orders-*}), or {@code *}; without
 *       it, any id.</li>
 * </ul>
 * A request is allowed when some rule matches its client's certificate and its registrant;
 * everything else, a client without a certificate included, is refused (error {@code FORBIDDEN},
 * code 8). Example: {@code CertificatePolicy.of(List.of("orders-client=orders", "billing=billing/billing-*"))}.
 * Immutable and thread-safe; a certificate's names are read once per request (a few microseconds).
 */
public final class CertificatePolicy implements ClientAuthorizer {
    private final List<Rule> rules;

    private CertificatePolicy(List<Rule> rules) {
        this.rules = rules;
    }

    /**
     * The policy of {@code rules}, each {@code NAME=SERVICE} or {@code NAME=SERVICE/ID}.
     *
     * @param rules at least one rule; not null
     * @return the policy
     * @throws IllegalArgumentException naming the first rule that is not of that form
     */
    public static CertificatePolicy of(List<String> rules) {
        Checks.notNull(rules, "rules");
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("a certificate policy needs at least one rule NAME=SERVICE[/ID]");
        }
        List<Rule> parsed = new ArrayList<>();
        for (String rule : rules) {
            parsed.add(Rule.parse(Checks.notNull(rule, "rule")));
        }
        return new CertificatePolicy(List.copyOf(parsed));
    }

    @Override
    public boolean allows(@Nullable X509Certificate client, RegistrantInfo registrant) {
        if (client == null) {
            return false;
        }
        List<String> names = names(client);
        for (Rule rule : rules) {
            if (names.contains(rule.name) && rule.allows(registrant)) {
                return true;
            }
        }
        return false;
    }

    /** The subject's common names and the subject alternative names a rule may name. */
    static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        names.addAll(commonNames(certificate.getSubjectX500Principal().getName()));
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    int type = (Integer) entry.get(0);
                    if (type == 1 || type == 2 || type == 6 || type == 7) { // e-mail, DNS, URI, IP address
                        names.add(String.valueOf(entry.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // no alternative names to match
        }
        return names;
    }

    /**
     * The CN values of an RFC 2253 name ({@code CN=a,O=b}; escapes such as {@code \,} undone;
     * multi-valued RDNs joined by {@code +} included). Values in hex ({@code #...}) are not names.
     */
    static List<String> commonNames(String rfc2253) {
        List<String> found = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i <= rfc2253.length(); i++) {
            char c = i < rfc2253.length() ? rfc2253.charAt(i) : ',';
            if (c == '\\' && i + 1 < rfc2253.length()) {
                part.append(c).append(rfc2253.charAt(++i));
            } else if (c == ',' || c == '+') {
                String attribute = part.toString();
                int eq = attribute.indexOf('=');
                if (eq > 0 && attribute.substring(0, eq).trim().equalsIgnoreCase("CN")) {
                    String value = attribute.substring(eq + 1);
                    if (!value.startsWith("#")) {
                        found.add(unescape(value));
                    }
                }
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        return found;
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(c == '\\' && i + 1 < value.length() ? value.charAt(++i) : c);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "CertificatePolicy" + rules;
    }

    private record Rule(String name, String service, String id) {
        static Rule parse(String text) {
            int eq = text.indexOf('=');
            String name = eq < 0 ? "" : text.substring(0, eq).trim();
            String rest = eq < 0 ? "" : text.substring(eq + 1).trim();
            int slash = rest.indexOf('/');
            String service = slash < 0 ? rest : rest.substring(0, slash).trim();
            String id = slash < 0 ? "*" : rest.substring(slash + 1).trim();
            if (name.isEmpty()
                    || service.isEmpty()
                    || id.isEmpty()
                    || (id.indexOf('*') >= 0 && id.indexOf('*') != id.length() - 1)) {
                throw new IllegalArgumentException("certificate rule '" + text + "' is not NAME=SERVICE or"
                        + " NAME=SERVICE/ID (ID exact, a prefix ending in *, or *)");
            }
            return new Rule(name, service, id);
        }

        boolean allows(RegistrantInfo registrant) {
            if (!service.equals("*") && !service.equals(registrant.serviceType())) {
                return false;
            }
            return id.endsWith("*")
                    ? registrant.id().startsWith(id.substring(0, id.length() - 1))
                    : id.equals(registrant.id());
        }

        @Override
        public String toString() {
            return name + "=" + service + "/" + id;
        }
    }
}
