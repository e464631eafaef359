using System.Globalization;
using System.Text.RegularExpressions;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Style;

/// <summary>
/// The repository's .editorconfig rules fail the build: a small project inside the repository (so it gets the same
/// .editorconfig, Directory.Build.props and central package versions as every project here) with one file that
/// breaks them must fail to build, with exactly the rule ids it breaks.
/// </summary>
[NonParallelizable]
public sealed partial class StyleRulesTests
{
    private const string BadFile = """
        using System.Text;

        namespace StyleCheck
        {
            public class lowerCaseClass
            {
                private int count;

                public int Add(int value)
                {
                    if (value > 0) count += value;
                    return count;
                }
            }
        }
        """;

    [Test]
    public async Task A_file_that_breaks_the_style_rules_fails_the_build_with_their_ids()
    {
        // Under the test's output folder: inside the repository, outside every project's sources.
        var folder = Path.Combine(AppContext.BaseDirectory, "style-check", Guid.NewGuid().ToString("N"));
        Assert.That(folder, Does.StartWith(RepositoryRoot.Find()), "the check project must sit inside the repository");
        Directory.CreateDirectory(folder);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "StyleCheck.csproj"), """<Project Sdk="Microsoft.NET.Sdk" />""");
            await File.WriteAllTextAsync(Path.Combine(folder, "Bad.cs"), BadFile);

            var result = await Programs.RunAsync(
                "dotnet", ["build", "--nologo", "-v", "quiet", "-clp:NoSummary"], folder, TimeSpan.FromMinutes(5));

            var errors = DiagnosticId().Matches(result.Output + result.Error)
                .Select(m => (Line: int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture), Id: m.Groups["id"].Value))
                .Distinct()
                .OrderBy(e => e.Line).ThenBy(e => e.Id, StringComparer.Ordinal)
                .ToList();
            using (Assert.EnterMultipleScope())
            {
                Assert.That(result.ExitCode, Is.Not.Zero, () => $"the build succeeded\n{result}");
                Assert.That(errors, Is.EqualTo(new[]
                {
                    (1, "IDE0005"),  // unused using
                    (3, "IDE0161"),  // block-scoped namespace
                    (5, "IDE1006"),  // lower-case class
                    (7, "IDE1006"),  // private field without _
                    (11, "IDE0011"), // if without braces
                }), () => result.ToString());
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [GeneratedRegex(@"Bad\.cs\((?<line>\d+),\d+\): error (?<id>[A-Z]+\d+)")]
    private static partial Regex DiagnosticId();
}
