using System.Text;

// Under Integration, like every test that needs Dovecot: DovecotFixture starts it for this namespace and those below.
namespace ImapClient.Tests.Infrastructure.Faults;

/// <summary>A position in one direction's byte stream, counted in bytes received from the sender (injected bytes not counted).</summary>
internal sealed class FaultPoint
{
    private FaultPoint(byte[]? marker, int occurrence, long offset)
    {
        if (marker is { Length: 0 or > 256 })
        {
            throw new ArgumentException("A marker is 1 to 256 bytes.", nameof(marker));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(occurrence);
        Marker = marker;
        Occurrence = occurrence;
        Offset = offset;
    }

    /// <summary>The bytes to look for, or null for a plain byte count.</summary>
    public byte[]? Marker { get; }

    /// <summary>Which occurrence of the marker (1 for the first).</summary>
    public int Occurrence { get; }

    /// <summary>With a marker: bytes from the end of the marker (negative: before its end). Without: the byte count.</summary>
    public long Offset { get; }

    /// <summary>Once <paramref name="count"/> bytes have passed.</summary>
    public static FaultPoint AfterBytes(long count) => new(null, 1, count);

    /// <summary>Right after the marker, or <paramref name="extraBytes"/> further on.</summary>
    public static FaultPoint After(string marker, int occurrence = 1, long extraBytes = 0) =>
        new(Encoding.UTF8.GetBytes(marker), occurrence, extraBytes);

    /// <summary>
    /// Right before the marker: none of it passes. When the marker straddles two reads, the part in the first read has
    /// passed already; the rule then fires as soon as the marker is seen.
    /// </summary>
    public static FaultPoint Before(string marker, int occurrence = 1)
    {
        var bytes = Encoding.UTF8.GetBytes(marker);
        return new FaultPoint(bytes, occurrence, -bytes.Length);
    }

    public override string ToString() =>
        Marker is null ? $"after {Offset} bytes" : $"\"{Encoding.UTF8.GetString(Marker)}\" #{Occurrence} {Offset:+#;-#;+0}";
}

/// <summary>What a rule does when its point is reached.</summary>
public enum FaultKind
{
    /// <summary>Both sockets are closed with linger 0: each peer gets a TCP RST.</summary>
    Reset,

    /// <summary>Both sockets are shut down and closed: each peer reads the end of the stream.</summary>
    Close,

    /// <summary>This direction stops forwarding (and reading) until <see cref="FaultDirection.Resume"/>.</summary>
    Stall,

    /// <summary>The rule's bytes are written to the receiver, then forwarding goes on.</summary>
    Inject,
}

/// <summary>A fault to inject at a point of one direction's stream. <see cref="Fired"/> completes when it did.</summary>
internal sealed class FaultRule(FaultPoint point, FaultKind kind, byte[]? bytes = null)
{
    private readonly TaskCompletionSource _fired = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FaultPoint Point { get; } = point;

    public FaultKind Kind { get; } = kind;

    public byte[]? Bytes { get; } = kind != FaultKind.Inject || bytes is not null
        ? bytes
        : throw new ArgumentNullException(nameof(bytes), "An injection needs bytes.");

    /// <summary>Completes when the rule fired.</summary>
    public Task Fired => _fired.Task;

    /// <summary>Occurrences of the marker still to be seen before the position is known.</summary>
    internal int MarkersLeft { get; set; } = point.Occurrence;

    /// <summary>The stream offset at which the rule fires, once known.</summary>
    internal long? FireAt { get; set; } = point.Marker is null ? point.Offset : null;

    internal bool Done { get; private set; }

    internal void MarkFired()
    {
        Done = true;
        _fired.TrySetResult();
    }

    public override string ToString() => $"{Kind} {Point}";
}
