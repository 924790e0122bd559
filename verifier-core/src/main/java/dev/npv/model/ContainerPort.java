package dev.npv.model;

import java.util.Optional;

/** A container port of a pod; only named ones matter to policy, but all are kept for display. */
public record ContainerPort(Optional<String> name, int port, Protocol protocol) {
}
