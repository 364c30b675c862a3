package org.socialcrm.connector;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.socialcrm.common.Network;

/** The connector of each network: every {@link SocialConnector} bean, by its network. */
@ApplicationScoped
public class ConnectorRegistry {

    private final Map<Network, SocialConnector> connectors = new EnumMap<>(Network.class);

    public ConnectorRegistry(Instance<SocialConnector> all) {
        for (SocialConnector connector : all) {
            if (connectors.put(connector.network(), connector) != null) {
                throw new IllegalStateException("Two connectors for " + connector.network());
            }
        }
    }

    public Optional<SocialConnector> of(Network network) {
        return Optional.ofNullable(connectors.get(network));
    }

    public boolean supports(Network network) {
        return connectors.containsKey(network);
    }
}
