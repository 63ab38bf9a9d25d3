/**
 * How the server meets its database: Flyway migrates as the schema owner, the server works as a
 * separate application role holding only the privileges it uses; {@link dk.overgang.database.Sql}
 * runs the hand-written SQL with named parameters on the connection Micronaut Data holds. Depends on nothing else here.
 */
@AllowedDependencies({})
package dk.overgang.database;

import dk.overgang.shared.AllowedDependencies;
