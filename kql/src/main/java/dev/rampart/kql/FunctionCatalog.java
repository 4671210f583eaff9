package dev.rampart.kql;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The stored functions a query may call. A query's own lets shadow them; a table of the same name wins over them.
 * Implementations must be cheap to ask: the compiler asks once per distinct identifier of the query.
 */
@FunctionalInterface
public interface FunctionCatalog {
    FunctionCatalog NONE = name -> Optional.empty();

    Optional<StoredFunction> find(String name);

    /** A catalog of the given functions, looked up by exact name. */
    static FunctionCatalog of(Collection<StoredFunction> functions) {
        Map<String, StoredFunction> byName = functions.stream()
                .collect(Collectors.toUnmodifiableMap(StoredFunction::name, Function.identity(), (a, b) -> a));
        return name -> Optional.ofNullable(byName.get(name));
    }
}
