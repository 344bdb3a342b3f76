package io.jenkins.plugins.imagelifecycle.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jenkins.plugins.imagelifecycle.model.HostImageDetails;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads and writes {@code host_images}. */
final class HostImageRows {
    private HostImageRows() {
    }

    static void insert(Connection c, HostImageDetails d) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO host_images (digest, build_name, builder_id, artifact_id, "
                + "artifact_string, files, template_path, template_sha256, packer_version, variables, source_image, source_kind) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, d.digest());
            s.setString(2, d.buildName());
            s.setString(3, d.builderId());
            s.setString(4, d.artifactId());
            s.setString(5, d.artifactString());
            s.setString(6, Json.write(d.files()));
            s.setString(7, d.templatePath());
            s.setString(8, d.templateSha256());
            s.setString(9, d.packerVersion());
            s.setString(10, Json.write(d.variables()));
            s.setString(11, d.sourceImage());
            s.setString(12, d.sourceKind());
            s.executeUpdate();
        }
    }

    static Optional<HostImageDetails> find(Connection c, String digest) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT digest, build_name, builder_id, artifact_id, artifact_string, files, "
                + "template_path, template_sha256, packer_version, variables, source_image, source_kind FROM host_images WHERE digest = ?")) {
            s.setString(1, digest);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                try {
                    List<String> files = Json.MAPPER.readValue(rs.getString(6), new TypeReference<List<String>>() { });
                    Map<String, String> vars = Json.MAPPER.readValue(rs.getString(10), new TypeReference<Map<String, String>>() { });
                    return Optional.of(new HostImageDetails(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), files, rs.getString(7), rs.getString(8), rs.getString(9), vars, rs.getString(11),
                            rs.getString(12)));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new SQLException("host_images row of " + digest + " holds bad JSON", e);
                }
            }
        }
    }
}
