package org.physicsofai.atlas.architecture;

import org.springframework.http.HttpStatus;

/** A class of a library package that uses a Spring type, planted for the architecture test. Never run. */
public final class PlantedLibraryClass {

    private PlantedLibraryClass() {}

    static HttpStatus status() {
        return HttpStatus.OK;
    }
}
