namespace ImapClient.Tests.Infrastructure;

/// <summary>The checkout the tests run from, for tests that read docs, samples or scripts, or pack the library.</summary>
internal static class RepositoryRoot
{
    /// <summary>The folder holding ImapClient.sln, found above the test assembly.</summary>
    public static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ImapClient.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No ImapClient.sln above {AppContext.BaseDirectory}: the repository's files cannot be found.");
    }
}
