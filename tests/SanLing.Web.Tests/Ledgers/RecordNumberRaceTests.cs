using System.Net;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SanLing.Web.Features.Petitions;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Ledgers;

/// <summary>
/// Two offices create a petition with the same offered number at the same moment. Both pass the "number is free" check
/// (the test holds each request after its check until the other has checked too), then both save: the unique index takes
/// the first, the second is answered with the duplicate message on the number field, not a 500, and writes nothing.
/// </summary>
public sealed class RecordNumberRaceTests
{
    /// <summary>The real validator, then a wait until both requests have been validated.</summary>
    private sealed class BothCheckedFirst(IValidator<PetitionForm> inner, CountdownEvent both) : IValidator<PetitionForm>
    {
        public async Task<ValidationResult> ValidateAsync(IValidationContext context, CancellationToken cancellation = default)
        {
            var result = await inner.ValidateAsync(context, cancellation);
            both.Signal();
            await Task.Run(() => both.Wait(TimeSpan.FromSeconds(20)), cancellation);
            return result;
        }

        public Task<ValidationResult> ValidateAsync(PetitionForm instance, CancellationToken cancellation = default) =>
            ValidateAsync(new ValidationContext<PetitionForm>(instance), cancellation);

        public ValidationResult Validate(PetitionForm instance) => inner.Validate(instance);

        public ValidationResult Validate(IValidationContext context) => inner.Validate(context);

        public IValidatorDescriptor CreateDescriptor() => inner.CreateDescriptor();

        public bool CanValidateInstancesOfType(Type type) => inner.CanValidateInstancesOfType(type);
    }

    [Fact]
    public async Task Two_concurrent_creates_of_the_same_number_save_one_and_answer_the_other_with_the_duplicate_message()
    {
        using var both = new CountdownEvent(2);
        using var factory = new SanLingFactory(demo: false);
        factory.TestServices = services =>
        {
            var real = services.Single(d => d.ServiceType == typeof(IValidator<PetitionForm>));
            services.Remove(real);
            services.AddScoped<IValidator<PetitionForm>>(sp =>
                new BothCheckedFirst((IValidator<PetitionForm>)ActivatorUtilities.CreateInstance(sp, real.ImplementationType!), both));
        };
        await new TownBuilder().WithRuleSet().Village("CUN01", "上塘村").User("office", Roles.Office).User("office2", Roles.Office).BuildAsync(factory);
        var first = await factory.CreateBrowserlessClient().LoggedInAsync("office", TownBuilder.Password);
        var second = await factory.CreateBrowserlessClient().LoggedInAsync("office2", TownBuilder.Password);
        var formA = await first.GetPageAsync("/Petitions/Create");
        var formB = await second.GetPageAsync("/Petitions/Create");
        var number = formA.QuerySelector("#Number")!.GetAttribute("value")!;
        Assert.Equal(number, formB.QuerySelector("#Number")!.GetAttribute("value"));

        Task<HttpResponseMessage> Create(HttpClient client, AngleSharp.Html.Dom.IHtmlDocument page, string matter)
        {
            var fields = PortalClient.FormValues(page);
            fields["SubjectCode"] = "CUN01";
            fields["Kind"] = "Individual";
            fields["Matter"] = matter;
            fields.Remove("__RequestVerificationToken");
            return client.PostFormAsync("/Petitions/Create", PortalClient.TokenOf(page), fields);
        }

        var answers = await Task.WhenAll(Create(first, formA, "第一件"), Create(second, formB, "第二件"));

        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        var refused = Assert.Single(answers, a => a.StatusCode != HttpStatusCode.Redirect);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ParseAsync();
        Assert.Contains($"编号“{number}”已存在", page.QuerySelector("[data-valmsg-for=Number], .field-validation-error")?.TextContent ?? page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var saved = await factory.WithDbAsync(db => db.Petitions.AsNoTracking().Where(p => p.Number == number).Select(p => p.Matter).ToListAsync());
        Assert.Single(saved);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Petitions.CountAsync()));
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "Petition")));
    }
}
