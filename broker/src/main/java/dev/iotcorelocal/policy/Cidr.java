package dev.iotcorelocal.policy;

import io.netty.util.NetUtil;

import java.util.Optional;

/**
 * An IpAddress/NotIpAddress value: an IPv4 or IPv6 address with an optional prefix length
 * ({@code 203.0.113.0/24}, {@code 2001:db8::/32}); a bare address is the one address. Parsing
 * is of literals only, never a name lookup.
 */
final class Cidr {
    private final byte[] network;
    private final int prefixBits;

    private Cidr(byte[] network, int prefixBits) {
        this.network = network;
        this.prefixBits = prefixBits;
    }

    static Optional<Cidr> parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        byte[] address = NetUtil.createByteArrayFromIpAddressString(slash < 0 ? trimmed : trimmed.substring(0, slash));
        if (address == null) {
            return Optional.empty();
        }
        int bits = address.length * 8;
        if (slash >= 0) {
            String prefix = trimmed.substring(slash + 1);
            if (prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            bits = Integer.parseInt(prefix);
            if (bits > address.length * 8) {
                return Optional.empty();
            }
        }
        return Optional.of(new Cidr(address, bits));
    }

    boolean contains(String ip) {
        byte[] address = NetUtil.createByteArrayFromIpAddressString(ip.trim());
        if (address == null || address.length != network.length) {
            return false;
        }
        int full = prefixBits / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }
}
