package dev.harrier.analysis.clock;

/**
 * The fit of a time zone or country the caller asked about (e.g. an actor's suspected country).
 *
 * @param requested the zone id or country code asked about
 * @param candidate the candidate it falls into (a fixed offset such as {@code +03:30} or a daylight-saving zone)
 * @param rank the candidate's rank among all candidates, 1 = best
 * @param probability the candidate's posterior probability
 * @param deltaLogLikelihood its log-likelihood minus the best candidate's (0 when it is the best)
 */
public record ZoneFit(String requested, String candidate, int rank, double probability, double deltaLogLikelihood) {}
