package io.liquid4j.internal;

import org.nd4j.autodiff.samediff.internal.memory.AbstractMemoryMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A SameDiff session memory manager that frees every intermediate array as soon as the session
 * releases it, and caches nothing.
 *
 * <p>SameDiff's default, {@code ArrayCacheMemoryMgr}, lets each session cache up to a quarter of
 * the process's maximum bytes, and a liquid layer has two sessions per chunk graph; {@code
 * NoOpMemoryMgr} leaves freeing to the garbage collector, which a small Java heap rarely runs, so
 * native memory grew past 24 GB in one LTC training run. Closing on release bounds a call's memory
 * by what the session holds at once.
 */
final class ClosingMemoryMgr extends AbstractMemoryMgr {

  @Override
  public INDArray allocate(boolean detached, DataType dataType, long... shape) {
    return Nd4j.createUninitialized(dataType, shape);
  }

  @Override
  public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
    return Nd4j.create(descriptor, false);
  }

  @Override
  public void release(INDArray array) {
    if (array != null && array.closeable()) {
      array.close();
    }
  }

  @Override
  public void close() {
    // nothing cached
  }
}
