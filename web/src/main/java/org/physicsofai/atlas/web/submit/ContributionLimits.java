package org.physicsofai.atlas.web.submit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Size caps on what one submission may carry, under {@code atlas.limits.}; past them the answer is 413
 * with a message naming the cap.
 *
 * @param maxStatements statements in one contribution from a form or the REST API
 * @param maxLiteralLength characters in one literal (a label, a statement, a note)
 * @param maxRequestBytes bytes in one request body that is not a multipart upload
 */
@ConfigurationProperties("atlas.limits")
public record ContributionLimits(
        @DefaultValue("10000") int maxStatements,
        @DefaultValue("100000") int maxLiteralLength,
        @DefaultValue("8388608") long maxRequestBytes) {}
