namespace ImapClient.TestServer;

/// <summary>A message to place in a mailbox before a test runs.</summary>
/// <param name="Content">The whole RFC 5322 message, CRLF line endings, stored byte for byte.</param>
/// <param name="InternalDate">Becomes INTERNALDATE (Maildir keeps it as the file's mtime, to the second).</param>
/// <param name="MaildirFlags">Maildir flag letters: S \Seen, F \Flagged, R \Answered, T \Deleted, D \Draft.</param>
public sealed record SeedMessage(byte[] Content, DateTimeOffset InternalDate, string MaildirFlags = "");
