package io.liquid4j.examples;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One pass over the training data, as both training examples run it: shuffle with a seed (so every
 * model sees the same order), fit each mini-batch, and measure the mean loss and the time.
 *
 * @param meanLoss the batches' scores weighted by their sizes, i.e. the mean loss per example
 * @param nanos time spent fitting, the shuffle excluded
 */
record TrainingEpoch(double meanLoss, long nanos) {

  /**
   * @param net the network to train
   * @param train the training set, shuffled in place
   * @param batchSize mini-batch size
   * @param shuffleSeed seed of this epoch's shuffle
   * @return the epoch's mean loss and fitting time
   */
  static TrainingEpoch fit(MultiLayerNetwork net, DataSet train, int batchSize, long shuffleSeed) {
    train.shuffle(shuffleSeed);
    long t0 = System.nanoTime();
    double lossSum = 0;
    for (DataSet batch : train.batchBy(batchSize)) {
      net.fit(batch);
      lossSum += net.score() * batch.numExamples();
    }
    return new TrainingEpoch(lossSum / train.numExamples(), System.nanoTime() - t0);
  }
}
