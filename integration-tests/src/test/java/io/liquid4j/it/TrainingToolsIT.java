package io.liquid4j.it;

import static io.liquid4j.it.LiquidNets.maxDiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.LocalFileModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.regression.RegressionEvaluation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** DL4J's training tools on liquid-layer networks: early stopping, Evaluation, RegressionEvaluation. */
class TrainingToolsIT {

  @TempDir Path tmp;

  @Test
  void earlyStoppingTrainsScoresAndSavesTheBestModelToADirectory() throws Exception {
    MultiLayerNetwork net = LiquidNets.regressionMln(LiquidNets.wiredNcp(), 3);
    ListDataSetIterator<DataSet> train = new ListDataSetIterator<>(
        List.of(LiquidNets.regressionData(8, 12, 1), LiquidNets.regressionData(8, 7, 2)), 8);
    ListDataSetIterator<DataSet> valid = new ListDataSetIterator<>(
        List.of(LiquidNets.regressionData(6, 16, 3)), 6);
    File dir = tmp.resolve("es").toFile();
    assertTrue(dir.mkdirs());
    EarlyStoppingConfiguration<MultiLayerNetwork> conf =
        new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
            .epochTerminationConditions(new MaxEpochsTerminationCondition(4))
            .scoreCalculator(new DataSetLossCalculator(valid, true))
            .evaluateEveryNEpochs(1)
            .modelSaver(new LocalFileModelSaver(dir))
            .build();
    double before = net.score(LiquidNets.regressionData(6, 16, 3));
    EarlyStoppingResult<MultiLayerNetwork> result = new EarlyStoppingTrainer(conf, net, train).fit();
    assertEquals(EarlyStoppingResult.TerminationReason.EpochTerminationCondition,
        result.getTerminationReason());
    assertEquals(4, result.getTotalEpochs());
    assertEquals(4, result.getScoreVsEpoch().size());
    // getBestModelScore() is 0.0 here in DL4J M2.1; the per-epoch scores are the real ones
    double bestScore = result.getScoreVsEpoch().get(result.getBestModelEpoch());
    assertTrue(bestScore < before, before + " -> " + bestScore);
    File best = new File(dir, "bestModel.bin");
    assertTrue(best.isFile(), "the saver wrote " + best);
    MultiLayerNetwork bestModel = result.getBestModel();
    MultiLayerNetwork fromFile = ModelSerializer.restoreMultiLayerNetwork(best, true);
    INDArray x = LiquidNets.regressionData(2, 20, 4).getFeatures();
    assertEquals(0.0, maxDiff(bestModel.params(), fromFile.params()), 0.0, "params");
    INDArray first = fromFile.output(x);
    assertEquals(0.0, maxDiff(first, fromFile.output(x)), 0.0, "twice");
    assertEquals(0.0, maxDiff(bestModel.output(x), first), 0.0);
    valid.reset();
    assertEquals(bestScore, new DataSetLossCalculator(valid, true).calculateScore(bestModel),
        1e-5 * bestScore);
  }

  @Test
  void evaluationOfALastStepClassifier() {
    MultiLayerNetwork net = LiquidNets.classifier(2, 4);
    DataSet train = LiquidNets.classificationData(64, 10, 1);
    for (int i = 0; i < 60; i++) {
      net.fit(train);
    }
    DataSet test = LiquidNets.classificationData(64, 14, 2); // longer sequences than training
    Evaluation eval = net.evaluate(new ListDataSetIterator<>(List.of(test), 64));
    assertEquals(64, eval.getNumRowCounter());
    INDArray predicted = net.output(test.getFeatures()).argMax(1);
    INDArray actual = test.getLabels().argMax(1);
    double accuracy = predicted.eq(actual).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    assertEquals(accuracy, eval.accuracy(), 1e-12);
    assertTrue(eval.accuracy() > 0.6, eval.stats()); // better than chance (0.5)
  }

  @Test
  void regressionEvaluationOfSequencesWithALabelMaskMatchesTheOutput() {
    MultiLayerNetwork net = LiquidNets.regressionMln(LiquidNets.cfcWithOptions(), 6);
    DataSet data = LiquidNets.regressionData(4, 9, 5);
    INDArray mask = Nd4j.ones(DataType.FLOAT, 4, 9);
    mask.get(NDArrayIndex.point(1), NDArrayIndex.interval(5, 9)).assign(0); // ragged: 5 steps
    mask.get(NDArrayIndex.point(3), NDArrayIndex.interval(2, 9)).assign(0); // 2 steps
    data.setFeaturesMaskArray(mask);
    data.setLabelsMaskArray(mask);
    for (int i = 0; i < 3; i++) {
      net.fit(data);
    }
    // net.evaluateRegression(iterator) asks ListDataSetIterator.totalOutcomes(), which fails for
    // time-series labels in DL4J M2.1 ("Rank is [3]; columns() call is not valid"): use doEvaluation
    RegressionEvaluation eval = net.doEvaluation(new ListDataSetIterator<>(List.of(data), 4),
        new RegressionEvaluation(1))[0];
    INDArray out = net.output(data.getFeatures(), false, mask, mask);
    INDArray err = out.sub(data.getLabels()).reshape(4, 9).muli(mask);
    double mse = err.mul(err).sumNumber().doubleValue() / mask.sumNumber().doubleValue();
    assertEquals(mse, eval.meanSquaredError(0), 1e-5);
    assertEquals(1, eval.numColumns());
  }
}
