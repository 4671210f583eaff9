package dev.rampart.portal.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description served at {@code /api/v1/openapi.json}. */
@Configuration
class OpenApiConfig {
    @Bean
    OpenAPI rampartOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Rampart API").version("v1")
                        .description("Security operations portal API. JSON in and out; errors are RFC 9457 problem bodies. "
                                + "Every endpoint checks the caller's permissions from the unified RBAC catalogue."))
                .components(new Components().addSecuritySchemes("basic",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }
}
