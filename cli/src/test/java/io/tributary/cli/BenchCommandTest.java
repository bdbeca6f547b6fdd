package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import org.junit.jupiter.api.Test;

/** The benchmark's harness, small: every update reaches the consumer and the books agree. No speed is asserted. */
class BenchCommandTest {

    @Test
    void aSmallFloodComesThroughWholeAndTheConnectorsBookEqualsTheTwins() {
        Cli cli = new Cli();

        int exit = cli.run("bench", "binance", "--updates", "3000", "--levels", "10", "--warmup", "500");

        assertThat(exit).as(cli.out() + cli.err()).isZero();
        JSONObject result = JSON.parseObject(cli.out().strip());
        assertThat(result.getLongValue("delivered")).isEqualTo(3000);
        assertThat(result.getBooleanValue("bookMatches")).isTrue();
        assertThat(result.getLongValue("queueOverflows")).isZero();
        assertThat(result.getJSONObject("latencyUs").getDoubleValue("p50")).isPositive();
    }

    @Test
    void aPacedFloodToo() {
        Cli cli = new Cli();

        int exit = cli.run("bench", "binance", "--updates", "500", "--levels", "3", "--rate", "2000", "--warmup", "0");

        assertThat(exit).as(cli.out() + cli.err()).isZero();
        assertThat(JSON.parseObject(cli.out().strip()).getLongValue("delivered")).isEqualTo(500);
    }

    @Test
    void badValuesAreOneLineAndExitTwo() {
        Cli cli = new Cli();

        assertThat(cli.run("bench", "binance", "--levels", "0")).isEqualTo(Main.USAGE_ERROR);
        assertThat(cli.err()).contains("--levels");
    }
}
