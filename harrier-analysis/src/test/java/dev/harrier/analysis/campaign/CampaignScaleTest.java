package dev.harrier.analysis.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * One million synthetic sightings ({@link CampaignBench}): clustering must finish well under a minute, keep the
 * twenty planted campaigns apart and cap the evidence it keeps.
 */
class CampaignScaleTest {
    @Test
    void oneMillionSightingsClusterUnderAMinute() {
        CampaignBench.Result r = CampaignBench.run(1_000_000, 42);
        System.out.println(r.summary());
        CampaignAnalysis a = r.analysis();
        assertThat(a.sightings()).isEqualTo(1_000_000);
        assertThat(r.seconds()).isLessThan(60);
        assertThat(r.largeCampaigns()).isEqualTo(CampaignBench.CAMPAIGNS);
        assertThat(a.ignored()).extracting(SharedFeature::value).contains("T1059.001");
        for (Campaign c : a.campaigns()) {
            assertThat(c.links().size())
                    .isLessThanOrEqualTo(c.incidents().size() * CampaignOptions.MAX_LINKS_PER_INCIDENT);
        }
    }
}
