/**
 * Accelerators' dense (no sparsity) 16-bit peak throughput, for wall-clock estimates.
 * Each figure is the vendor's datasheet number for BF16 (FP16 where the chip has no BF16).
 */
export interface Accelerator {
  id: string;
  name: string;
  /** Dense BF16/FP16 tensor peak, FLOP/s. */
  peakFlopsPerSecond: number;
  source: string;
}

export const ACCELERATORS: readonly Accelerator[] = [
  { id: "v100", name: "NVIDIA V100 SXM2", peakFlopsPerSecond: 125e12, source: "NVIDIA V100 datasheet (FP16 tensor)" },
  { id: "a100", name: "NVIDIA A100 SXM", peakFlopsPerSecond: 312e12, source: "NVIDIA A100 datasheet (BF16 tensor, dense)" },
  { id: "a10g", name: "NVIDIA A10G", peakFlopsPerSecond: 70e12, source: "NVIDIA A10 datasheet / AWS G5 (BF16 tensor, dense)" },
  { id: "l4", name: "NVIDIA L4", peakFlopsPerSecond: 121e12, source: "NVIDIA L4 datasheet (BF16 tensor, dense)" },
  { id: "l40s", name: "NVIDIA L40S", peakFlopsPerSecond: 362e12, source: "NVIDIA L40S datasheet (BF16 tensor, dense)" },
  { id: "h100", name: "NVIDIA H100 SXM", peakFlopsPerSecond: 989e12, source: "NVIDIA H100 datasheet (BF16 tensor, dense)" },
  { id: "h100-pcie", name: "NVIDIA H100 PCIe", peakFlopsPerSecond: 756e12, source: "NVIDIA H100 datasheet (BF16 tensor, dense)" },
  { id: "h200", name: "NVIDIA H200 SXM", peakFlopsPerSecond: 989e12, source: "NVIDIA H200 datasheet (BF16 tensor, dense)" },
  { id: "b200", name: "NVIDIA B200", peakFlopsPerSecond: 2250e12, source: "NVIDIA DGX B200 datasheet (BF16 tensor, dense)" },
  { id: "mi250x", name: "AMD Instinct MI250X", peakFlopsPerSecond: 383e12, source: "AMD MI250X datasheet (BF16 matrix)" },
  { id: "mi300x", name: "AMD Instinct MI300X", peakFlopsPerSecond: 1307e12, source: "AMD MI300X datasheet (BF16 matrix, dense)" },
  { id: "tpu-v4", name: "Google TPU v4", peakFlopsPerSecond: 275e12, source: "Google Cloud TPU v4 documentation (BF16)" },
  { id: "tpu-v5e", name: "Google TPU v5e", peakFlopsPerSecond: 197e12, source: "Google Cloud TPU v5e documentation (BF16)" },
  { id: "tpu-v5p", name: "Google TPU v5p", peakFlopsPerSecond: 459e12, source: "Google Cloud TPU v5p documentation (BF16)" },
];

export function findAccelerator(id: string): Accelerator | undefined {
  const key = id.toLowerCase().replace(/[\s_]/g, "-");
  return ACCELERATORS.find((accelerator) => accelerator.id === key);
}

export interface TrainingTime {
  gpus: number;
  peakFlopsPerSecond: number;
  /** Model FLOPs utilisation: achieved / peak. */
  mfu: number;
  seconds: number;
  days: number;
  gpuHours: number;
}

/** Wall-clock time of a run: flops / (gpus x peak x MFU). */
export function trainingTime(flops: number, gpus: number, peakFlopsPerSecond: number, mfu: number): TrainingTime {
  const seconds = flops / (gpus * peakFlopsPerSecond * mfu);
  return { gpus, peakFlopsPerSecond, mfu, seconds, days: seconds / 86400, gpuHours: (seconds * gpus) / 3600 };
}
