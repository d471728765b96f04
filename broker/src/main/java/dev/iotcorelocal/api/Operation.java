package dev.iotcorelocal.api;

/** One AWS operation as its service model routes it. */
record Operation(ApiService service, String name, String method, PathTemplate path) {
}
