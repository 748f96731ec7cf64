package dev.harrier.detect.sigma;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Which events a rule's {@code logsource} selects: a data file maps Sigma products, services and categories to event
 * log channels, event ids, extra field conditions and field renames. The default ({@link #windowsDefault()}) ships in
 * this module as {@code logsources.yml}; its header documents the format.
 *
 * <p>A logsource resolves to one of: a list of {@linkplain Scope scopes} (the rule is evaluated on events of those
 * channels and ids only), {@code ANY} (the rule names only a product of the map, or nothing: every event),
 * {@code UNMAPPED} (a category or service of the product the map does not know: the rule is not evaluated unless the
 * detector is told to run unmapped rules everywhere), or {@code NOT_APPLICABLE} (another product, such as linux).
 */
public final class LogSourceMap {
    /** How a logsource resolved. */
    enum Kind {
        SCOPED,
        ANY,
        UNMAPPED,
        NOT_APPLICABLE
    }

    /**
     * One set of events: channels (lower-cased; empty = any), event ids (empty = any), field conditions the event
     * must meet ({@code EventType: CreateKey}) and Sigma→event field renames.
     */
    record Scope(
            @Nullable String product,
            Set<String> channels,
            Set<Long> eventIds,
            Map<String, String> where,
            Map<String, String> fields) {
        /** A scope of any product: every event. */
        static Scope any(@Nullable String product) {
            return new Scope(product, Set.of(), Set.of(), Map.of(), Map.of());
        }

        Scope {
            channels = Set.copyOf(channels);
            eventIds = Set.copyOf(eventIds);
            where = Map.copyOf(where);
            fields = Map.copyOf(fields);
        }
    }

    /** The result of {@link #resolve}. */
    record Resolution(Kind kind, List<Scope> scopes, String reason) {}

    private record Product(Map<String, Set<String>> services, Map<String, List<Scope>> categories) {}

    private final Map<String, Product> products;
    private final String source;

    private LogSourceMap(Map<String, Product> products, String source) {
        this.products = products;
        this.source = source;
    }

    /** The map shipped with Harrier for Windows event logs. */
    public static LogSourceMap windowsDefault() {
        try (InputStream in = LogSourceMap.class.getResourceAsStream("logsources.yml")) {
            if (in == null) {
                throw new IllegalStateException("logsources.yml missing from the harrier-detect jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "logsources.yml");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Reads a map in the format of the shipped {@code logsources.yml}.
     *
     * @throws IllegalArgumentException naming the file and entry when it is malformed
     */
    public static LogSourceMap load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Where the map came from, for messages. */
    public String source() {
        return source;
    }

    static LogSourceMap parse(String yaml, String source) {
        Object doc;
        try {
            doc = new Load(LoadSettings.builder()
                            .setLabel(source)
                            .setAllowDuplicateKeys(false)
                            .setMaxAliasesForCollections(10)
                            .build())
                    .loadFromString(yaml);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        Map<String, Product> products = new LinkedHashMap<>();
        for (Map.Entry<?, ?> pe : map(doc, source).entrySet()) {
            String product = key(pe.getKey());
            String where = source + ": " + product;
            Map<?, ?> body = map(pe.getValue(), where);
            Map<String, Set<String>> services = new LinkedHashMap<>();
            Object svc = body.get("services");
            if (svc != null) {
                for (Map.Entry<?, ?> se : map(svc, where + ".services").entrySet()) {
                    Set<String> channels = new LinkedHashSet<>();
                    for (Object c : list(se.getValue(), where + ".services." + se.getKey())) {
                        channels.add(String.valueOf(c).toLowerCase(Locale.ROOT));
                    }
                    services.put(key(se.getKey()), channels);
                }
            }
            Map<String, List<Scope>> categories = new LinkedHashMap<>();
            Object cats = body.get("categories");
            if (cats != null) {
                for (Map.Entry<?, ?> ce : map(cats, where + ".categories").entrySet()) {
                    String cw = where + ".categories." + ce.getKey();
                    List<Scope> scopes = new ArrayList<>();
                    for (Object o : list(ce.getValue(), cw)) {
                        Map<?, ?> s = map(o, cw);
                        Set<String> channels = Set.of();
                        if (s.get("service") != null) {
                            channels = services.get(String.valueOf(s.get("service")));
                            if (channels == null) {
                                throw new IllegalArgumentException(cw + ": unknown service '" + s.get("service") + "'");
                            }
                        }
                        Set<Long> ids = new LinkedHashSet<>();
                        if (s.get("eventids") != null) {
                            for (Object id : list(s.get("eventids"), cw + ".eventids")) {
                                if (!(id instanceof Number n)) {
                                    throw new IllegalArgumentException(cw + ".eventids: '" + id + "' is not a number");
                                }
                                ids.add(n.longValue());
                            }
                        }
                        scopes.add(new Scope(
                                product, channels, ids, strings(s.get("where"), cw), strings(s.get("fields"), cw)));
                    }
                    categories.put(key(ce.getKey()), scopes);
                }
            }
            products.put(product, new Product(services, categories));
        }
        return new LogSourceMap(products, source);
    }

    /** Resolves a rule's logsource. */
    Resolution resolve(LogSource ls) {
        String productName = lower(ls.product());
        Product p = productName == null ? null : products.get(productName);
        if (productName != null && p == null) {
            return new Resolution(Kind.NOT_APPLICABLE, List.of(), "product '" + ls.product() + "' is not in " + source);
        }
        if (p == null) {
            // no product: look the category/service up in every product
            for (Map.Entry<String, Product> candidate : products.entrySet()) {
                Resolution r = resolveIn(candidate.getValue(), ls, candidate.getKey());
                if (r.kind() == Kind.SCOPED) {
                    return r;
                }
            }
            if (ls.category() == null && ls.service() == null) {
                return new Resolution(Kind.ANY, List.of(Scope.any(null)), "");
            }
            return new Resolution(Kind.NOT_APPLICABLE, List.of(), "logsource without product is not in " + source);
        }
        return resolveIn(p, ls, productName);
    }

    private Resolution resolveIn(Product p, LogSource ls, String productName) {
        String category = lower(ls.category());
        String service = lower(ls.service());
        Set<String> serviceChannels = null;
        if (service != null) {
            serviceChannels = p.services().get(service);
            if (serviceChannels == null) {
                return new Resolution(
                        Kind.UNMAPPED,
                        List.of(Scope.any(productName)),
                        "service '" + ls.service() + "' is not mapped in " + source);
            }
        }
        if (category == null) {
            if (serviceChannels == null) {
                return new Resolution(Kind.ANY, List.of(Scope.any(productName)), "");
            }
            return new Resolution(
                    Kind.SCOPED, List.of(new Scope(productName, serviceChannels, Set.of(), Map.of(), Map.of())), "");
        }
        List<Scope> scopes = p.categories().get(category);
        if (scopes == null) {
            return new Resolution(
                    Kind.UNMAPPED,
                    List.of(Scope.any(productName)),
                    "category '" + ls.category() + "' of product '" + productName + "' is not mapped in " + source);
        }
        if (serviceChannels != null) {
            List<Scope> narrowed = new ArrayList<>();
            for (Scope s : scopes) {
                Set<String> ch = new LinkedHashSet<>(s.channels().isEmpty() ? serviceChannels : s.channels());
                ch.retainAll(serviceChannels);
                if (!ch.isEmpty()) {
                    narrowed.add(new Scope(s.product(), ch, s.eventIds(), s.where(), s.fields()));
                }
            }
            scopes = narrowed;
        }
        return new Resolution(Kind.SCOPED, scopes, "");
    }

    private static @Nullable String lower(@Nullable String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static String key(Object k) {
        return String.valueOf(k).toLowerCase(Locale.ROOT);
    }

    private static Map<?, ?> map(@Nullable Object o, String where) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(where + ": expected a mapping");
        }
        return m;
    }

    private static List<?> list(@Nullable Object o, String where) {
        if (o instanceof List<?> l) {
            return l;
        }
        if (o == null || o instanceof Map) {
            throw new IllegalArgumentException(where + ": expected a list");
        }
        return List.of(o);
    }

    private static Map<String, String> strings(@Nullable Object o, String where) {
        if (o == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        map(o, where).forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }
}
