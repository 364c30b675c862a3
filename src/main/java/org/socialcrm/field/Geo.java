package org.socialcrm.field;

/** Distances on the earth: haversine for what is reported, a local flat projection (metres) for cutting and routing. */
final class Geo {

    static final double EARTH_RADIUS_METERS = 6_371_008.8;

    private Geo() {
    }

    static double haversineMeters(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** Equirectangular projection around {@code originLatitude}: x east, y north, in metres; good within a city or a county. */
    static double[] project(double latitude, double longitude, double originLatitude) {
        double x = EARTH_RADIUS_METERS * Math.toRadians(longitude) * Math.cos(Math.toRadians(originLatitude));
        double y = EARTH_RADIUS_METERS * Math.toRadians(latitude);
        return new double[] { x, y };
    }
}
