package io.tributary.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code tributary.yaml}, as written (every field optional; flags given on the command line win). Keys are kebab-case;
 * an unknown key is a mistake, reported with its line.
 *
 * @param data       the data directory: embedded QuestDB, spill files, journal
 * @param journal    journal every raw frame (default true)
 * @param api        where the query API listens
 * @param questdb    an external QuestDB instead of the embedded one: {@code "http::addr=host:9000; jdbc:..."}
 * @param kafka      also publish every event to Kafka
 * @param snapshots  periodic book snapshots into the store
 * @param twins      run each exchange's twin locally and connect to it
 * @param exchanges  what to capture
 * @param fromKafka  fill the store from Kafka instead of capturing
 */
record ServeConfig(Path data, Boolean journal, Api api, String questdb, Kafka kafka, Snapshots snapshots,
                   Boolean twins, List<Exchange> exchanges, FromKafka fromKafka) {

    record Api(String host, Integer port) {
    }

    record Kafka(String bootstrap, String topic) {
    }

    record Snapshots(String every, Integer depth) {
    }

    /** One exchange to capture; {@code wsUrl}/{@code restUrl} override its endpoints (default: production). */
    record Exchange(String name, List<String> symbols, List<String> channels, String wsUrl, String restUrl) {
    }

    record FromKafka(String bootstrap, List<String> topics, String group) {
    }

    static final ServeConfig EMPTY = new ServeConfig(null, null, null, null, null, null, null, null, null);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** @throws Main.UserException in one line: the file is missing, not YAML, or has a key or value that is wrong */
    static ServeConfig read(Path file) {
        try {
            ServeConfig config = YAML.readValue(Files.readString(file), ServeConfig.class);
            return config == null ? EMPTY : config;
        } catch (NoSuchFileException e) {
            throw new Main.UserException("no config file " + file);
        } catch (JsonMappingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining("."));
            throw new Main.UserException(file + ": " + (path.isEmpty() ? "" : path.replace(".[", "[") + ": ")
                    + e.getOriginalMessage().lines().findFirst().orElse("invalid") + where);
        } catch (IOException e) {
            throw new Main.UserException("cannot read config " + file + ": " + e.getMessage().lines().findFirst()
                    .orElse(e.toString()));
        }
    }
}
