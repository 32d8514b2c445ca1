/** Implementation details of the liquid runtime: not API, may change in any release. */
package io.liquid4j.internal;
