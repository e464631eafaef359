using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ImapClient.Diagnostics;

/// <summary>
/// The <see cref="ActivitySource"/> and <see cref="Meter"/> named after the package, <c>ImapClient</c>. Listen with
/// OpenTelemetry (<c>AddSource("ImapClient")</c>, <c>AddMeter("ImapClient")</c>) or <c>dotnet-counters</c>.
/// Nothing is measured or allocated while nobody listens.
/// </summary>
public static class ImapTelemetry
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "ImapClient";

    internal static readonly ActivitySource Source = new(Name, typeof(ImapTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Meter Meter = new(Name, typeof(ImapTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Seconds from a command's first byte written to its tagged completion, tagged with the command and status.</summary>
    internal static readonly Histogram<double> CommandDuration = Meter.CreateHistogram<double>(
        "imap.client.command.duration", "s", "Time from sending a command to its tagged completion.");

    internal static readonly UpDownCounter<long> CommandsInFlight = Meter.CreateUpDownCounter<long>(
        "imap.client.commands.in_flight", "{command}", "Commands sent and not yet completed.");

    internal static readonly Counter<long> BytesReceived = Meter.CreateCounter<long>(
        "imap.client.bytes.received", "By", "Bytes received from servers (after decompression, before parsing).");

    internal static readonly Counter<long> BytesSent = Meter.CreateCounter<long>(
        "imap.client.bytes.sent", "By", "Command bytes sent to servers (literal data streamed from callers not included).");
}
