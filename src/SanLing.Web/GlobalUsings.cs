// The namespaces nearly every feature file uses: the data context, EF queries, the shared feature pieces, scope,
// validators, MVC and roles. Feature-specific namespaces stay in the files that use them.
global using FluentValidation;
global using Microsoft.AspNetCore.Authorization;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.EntityFrameworkCore;
global using SanLing.Infrastructure.Data;
global using SanLing.Infrastructure.Identity;
global using SanLing.Web.Features.Shared;
global using SanLing.Web.Security;
