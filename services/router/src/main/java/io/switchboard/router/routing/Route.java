package io.switchboard.router.routing;

/** Where one job goes: a provider and the model name that provider knows. */
public record Route(String provider, String providerModel) {
}
