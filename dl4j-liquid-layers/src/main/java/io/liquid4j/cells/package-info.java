/** The maths of one time step of each liquid cell, written on SameDiff variables. */
package io.liquid4j.cells;
