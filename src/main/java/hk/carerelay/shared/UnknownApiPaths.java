package hk.carerelay.shared;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Answers a path under {@code /api} that no endpoint serves with 404 problem+json. Without it the request would fall
 * through to the Vaadin servlet, which answers every path with its page and status 200. The mapping is consulted
 * after the controllers' own, so a known path with the wrong method or content type still gets its 405 or 415.
 */
@Configuration(proxyBeanMethods = false)
class UnknownApiPaths {

    @Bean
    SimpleUrlHandlerMapping unknownApiPathMapping(ObjectMapper json) {
        HttpRequestHandler unknown = (request, response) -> {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), Problems.of(HttpStatus.NOT_FOUND, "not-found",
                    "No API endpoint has this path: see /v3/api-docs for the ones there are."));
        };
        SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of("/api/**", unknown));
        mapping.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
        return mapping;
    }
}
