package org.physicsofai.atlas.entity;

import java.time.Instant;

/** Where a statement came from: one contribution's method, agent, date and status. */
public record Provenance(String contribution, String method, String agent, Instant created, String status) {}
