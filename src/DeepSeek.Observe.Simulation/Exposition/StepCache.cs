namespace DeepSeek.Observe.Simulation.Exposition;

/// <summary>
/// The latest generated step, shared by concurrent scrapes: values are a pure function of the step, so every target
/// scraped within one step reads the same array, generated once. A published array is never written again, so readers
/// need no lock; only generation is serialized.
/// </summary>
public sealed class StepCache(FleetGenerator generator)
{
    private readonly Lock _generating = new();
    private Generated? _latest;

    /// <summary>Every catalog series' value at <paramref name="step"/>; the caller must not modify it.</summary>
    public double[] At(long step)
    {
        if (Volatile.Read(ref _latest) is { } latest && latest.Step == step)
        {
            return latest.Values;
        }

        lock (_generating)
        {
            if (_latest is { } again && again.Step == step)
            {
                return again.Values;
            }

            var values = new double[generator.Catalog.Count];
            generator.Generate(step, values);
            Volatile.Write(ref _latest, new Generated(step, values));
            return values;
        }
    }

    private sealed record Generated(long Step, double[] Values);
}
