/*
 * SPDX-License-Identifier: ISC
 *
 * Copyright 2019-2024 The TurnKey Authors
 *
 * Permission to use, copy, modify, and/or distribute this software for any
 * purpose with or without fee is hereby granted, provided that the above
 * copyright notice and this permission notice appear in all copies.
 *
 * THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
 * WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
 * MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
 * ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
 * WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
 * ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF
 * OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.
 *
 * Modified for npv: the unpack step is replaced by dev.npv.z3loader.NativeLibraryInstaller (a cache
 * instead of a fresh temporary directory per start). Upstream: tudo-aqua/turnkey-support 1.0.0,
 * src/main/java/tools/aqua/turnkey/support/TurnKey.java. See z3-loader-patch/README.md.
 */

package tools.aqua.turnkey.support;

import dev.npv.z3loader.NativeLibraryInstaller;
import dev.npv.z3loader.NativeLibraryInstaller.BundledLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * npv's patched copy of turnkey-support's loader: same class name and entry point, so z3-turnkey's
 * {@code Native} calls it; it must come before turnkey-support on the class path (and replaces the
 * original in the shaded npv jar). Platform detection and metadata stay upstream's (package-private
 * {@link PlatformPrefix}, {@link OperatingSystem}, {@link CPUArchitecture}); only where the libraries
 * are unpacked changes.
 */
public final class TurnKey {

  /** The conventional file name for turnkey metadata. */
  public static final String TURNKEY_FILE_NAME = "turnkey.xml";

  private TurnKey() {
    throw new AssertionError();
  }

  /**
   * Upstream's contract: finds the bundle for this platform, makes its libraries available on disk
   * and {@link System#load}s them in the metadata's order.
   *
   * @throws UnsupportedPlatformException if the platform has no bundle
   * @throws TurnkeyException if unpacking or reading the metadata fails
   */
  public static void load(String libraryPrefix, Function<String, InputStream> getResourceAsStream) {
    PlatformPrefix platform =
        new PlatformPrefix(libraryPrefix, OperatingSystem.identify(), CPUArchitecture.identify());
    TurnKeyMetadata metadata = metadata(platform.resolve(TURNKEY_FILE_NAME), getResourceAsStream);
    List<BundledLibrary> bundled = new ArrayList<>();
    for (String library : metadata.bundledLibraries) {
      bundled.add(new BundledLibrary(platform.resolve(library), library));
    }
    try {
      NativeLibraryInstaller.forThisProcess(getResourceAsStream, TurnKey.class::getResource)
          .load(bundled, metadata.loadCommands);
    } catch (IOException e) {
      throw new TurnkeyException("Failed to unpack the native libraries of " + platform + ": " + e.getMessage(), e);
    }
  }

  private static TurnKeyMetadata metadata(String from, Function<String, InputStream> getResourceAsStream) {
    try (InputStream in = getResourceAsStream.apply(from)) {
      if (in == null) {
        throw new UnsupportedPlatformException("No file found at " + from);
      }
      return TurnKeyMetadata.loadFrom(in);
    } catch (IOException e) {
      throw new TurnkeyException("Failed to load metadata from " + from, e);
    }
  }
}
