using System.Diagnostics;
using ImapClient.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImapClient.Session;

/// <summary>Logs, traces and metrics for commands. Each costs a flag check when nobody listens.</summary>
/// <remarks>Owns the logger.</remarks>
internal sealed partial class ImapSession
{
    private ILogger? _logger;

    /// <summary>The caller's logger, or a logger that discards.</summary>
    public ILogger Logger => _logger ??= _options.LoggerFactory?.CreateLogger("ImapClient.ImapConnection") ?? NullLogger.Instance;

    private void OnCommandSent(ImapCommand command, int bytes)
    {
        command.SentAt = _time.GetTimestamp();
        if (ImapTelemetry.Source.HasListeners())
        {
            // Started here but stopped on the reader loop: the caller's ambient activity is left as it was.
            var ambient = Activity.Current;
            command.Activity = ImapTelemetry.Source.StartActivity("IMAP " + command.Name, ActivityKind.Client);
            command.Activity?.SetTag("imap.command", command.Name).SetTag("imap.tag", command.Tag);
            Activity.Current = ambient;
        }

        if (ImapTelemetry.CommandsInFlight.Enabled)
        {
            // Remembered, so the -1 comes only for commands that were counted (a listener may start in between).
            command.CountedInFlight = true;
            ImapTelemetry.CommandsInFlight.Add(1);
        }

        if (ImapTelemetry.BytesSent.Enabled)
        {
            ImapTelemetry.BytesSent.Add(bytes);
        }
    }

    private void OnCommandCompleted(ImapCommand command, ImapStatus status)
    {
        if (command.SentAt == 0)
        {
            return;
        }

        var elapsed = _time.GetElapsedTime(command.SentAt);
        ImapLog.CommandCompleted(Logger, command.Tag, command.Name, status, elapsed.TotalMilliseconds);
        if (ImapTelemetry.CommandDuration.Enabled)
        {
            ImapTelemetry.CommandDuration.Record(elapsed.TotalSeconds,
                new KeyValuePair<string, object?>("imap.command", command.Name), new KeyValuePair<string, object?>("imap.status", status.ToString()));
        }

        LeaveInFlight(command);
        if (command.Activity is { } activity)
        {
            activity.SetTag("imap.status", status.ToString());
            activity.SetStatus(status == ImapStatus.Ok ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
            activity.Stop();
        }
    }

    private static void OnCommandAbandoned(ImapCommand command, Exception cause)
    {
        if (command.SentAt == 0)
        {
            return;
        }

        LeaveInFlight(command);
        if (command.Activity is { } activity)
        {
            activity.SetStatus(ActivityStatusCode.Error, cause.Message);
            activity.Stop();
        }
    }

    private static void LeaveInFlight(ImapCommand command)
    {
        if (command.CountedInFlight)
        {
            command.CountedInFlight = false;
            ImapTelemetry.CommandsInFlight.Add(-1);
        }
    }

    private static void OnBytesReceived(long bytes)
    {
        if (ImapTelemetry.BytesReceived.Enabled)
        {
            ImapTelemetry.BytesReceived.Add(bytes);
        }
    }
}
