/**
 * The hand-written parts of the Overgang client: {@link dk.overgang.sdk.OvergangClient} (base URL and
 * a token supplier), {@link dk.overgang.sdk.Pages} (follow {@code links.next} lazily) and
 * {@link dk.overgang.sdk.OvergangApiException} (problem+json as a typed exception). Everything in
 * {@code dk.overgang.sdk.api}, {@code .model} and {@code .invoker} is generated from the OpenAPI document.
 */
package dk.overgang.sdk;
