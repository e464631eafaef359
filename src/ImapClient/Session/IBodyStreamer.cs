
namespace ImapClient.Session;

/// <summary>
/// A command whose body-section literals the reader loop streams to its caller instead of buffering them
/// (<see cref="CommandTraits.StreamsBodies"/>; reached through <see cref="ImapCommand.BodyStreamer"/>).
/// </summary>
internal interface IBodyStreamer
{
    /// <summary>Bodies up to this size are handed over only once whole in memory; 0 streams every body as it arrives.</summary>
    long WholeBodyLimit { get; }

    /// <summary>Whether a body literal of this message (its items so far) belongs to this command.</summary>
    bool Wants(FetchedMessage itemsSoFar);

    /// <summary>Hands over a body the reader loop is about to stream (or has whole).</summary>
    void Publish(FetchedBody body);

    /// <summary>The response of a message whose body was streamed ended.</summary>
    void FinishMessage(FetchedMessage message);
}
