using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation;

/// <summary>
/// One generated series: its labels (what the exporter would emit), how its value is produced, the entity it belongs
/// to, its random key (from seed, entity and metric) and a kind-specific parameter (a bucket bound, a code's share,
/// a pod phase's 0/1, a quota amount).
/// </summary>
public readonly record struct SimulatedSeries(LabelSet Labels, SignalKind Kind, int Entity, ulong Key, double Parameter);
