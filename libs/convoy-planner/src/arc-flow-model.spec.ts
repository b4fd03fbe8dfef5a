import { describe, expect, it } from '@jest/globals';
import { buildArcFlowModel, decodeArcFlow } from './arc-flow-model.js';
import { solveWithHighs } from './highs-solver.js';

describe(buildArcFlowModel.name, () => {
  it('should model a packing HiGHS solves to the optimum and that decodes into bins', async () => {
    // FFD needs 3 bins of 12 for these items; {5, 4, 3} twice fills exactly 2.
    const model = buildArcFlowModel({ itemSizes: [5, 5, 4, 4, 3, 3], binTypes: [{ capacity: 12, available: 3 }] });
    const report = await solveWithHighs({ mip: model.mip, relaxation: model.relaxation, incumbent: 3, timeLimitMs: 5_000 });
    expect(report).toMatchObject({ lpStatus: 'Optimal', lpObjective: 2, mipStatus: 'Optimal', mipObjective: 2 });
    const bins = decodeArcFlow(model, report.values ?? {});
    expect(bins?.map((bin) => [bin.capacity, bin.itemSizes])).toEqual([
      [12, [5, 4, 3]],
      [12, [5, 4, 3]],
    ]);
  });

  it('should let each bin size be used at most as often as it is available', async () => {
    const model = buildArcFlowModel({
      itemSizes: [30, 30, 10],
      binTypes: [
        { capacity: 40, available: 1 },
        { capacity: 30, available: 2 },
      ],
    });
    const report = await solveWithHighs({ mip: model.mip, relaxation: model.relaxation, incumbent: 4, timeLimitMs: 5_000 });
    const bins = decodeArcFlow(model, report.values ?? {}) ?? [];
    expect(bins.map((bin) => bin.capacity).sort((a, b) => a - b)).toEqual([30, 40]);
    expect(bins.flatMap((bin) => bin.itemSizes).sort((a, b) => a - b)).toEqual([10, 30, 30]);
  });

  it('should refuse an item larger than every bin', () => {
    expect(() => buildArcFlowModel({ itemSizes: [50], binTypes: [{ capacity: 40, available: 2 }] })).toThrow(RangeError);
  });
});
